{
	type: 'bar',
	data: {
		labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
		datasets: [{
			label: 'Dataset 1',
			backgroundColor: 'rgb(255, 99, 132)',
			data: [
				-23,
				56,
				81,
				-7,
				39,
				-64,
				12
			]
		}, {
			label: 'Dataset 2',
			backgroundColor: 'rgb(54, 162, 235)',
			data: [
				44,
				-31,
				18,
				70,
				-52,
				27,
				93
			]
		}, {
			label: 'Dataset 3',
			backgroundColor: 'rgb(75, 192, 192)',
			data: [
				-8,
				65,
				-40,
				22,
				11,
				-95,
				36
			]
		}]
	},
	options: {
		title: {
			display: true,
			text: 'Chart.js Bar Chart - Stacked'
		},
		tooltips: {
			mode: 'index',
			intersect: false
		},
		responsive: true,
		scales: {
			xAxes: [{
				stacked: true,
			}],
			yAxes: [{
				stacked: true
			}]
		}
	}
}
