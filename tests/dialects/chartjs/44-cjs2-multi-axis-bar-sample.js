{
	type: 'bar',
	data: {
		labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
		datasets: [{
			label: 'Dataset 1',
			backgroundColor: [
				'rgb(255, 99, 132)',
				'rgb(255, 159, 64)',
				'rgb(255, 205, 86)',
				'rgb(75, 192, 192)',
				'rgb(54, 162, 235)',
				'rgb(153, 102, 255)',
				'rgb(255, 99, 132)'
			],
			yAxisID: 'y-axis-1',
			data: [
				62,
				-18,
				45,
				-73,
				29,
				88,
				-5
			]
		}, {
			label: 'Dataset 2',
			backgroundColor: 'rgb(201, 203, 207)',
			yAxisID: 'y-axis-2',
			data: [
				-41,
				17,
				76,
				-29,
				53,
				-90,
				34
			]
		}]
	},
	options: {
		responsive: true,
		title: {
			display: true,
			text: 'Chart.js Bar Chart - Multi Axis'
		},
		tooltips: {
			mode: 'index',
			intersect: true
		},
		scales: {
			yAxes: [{
				type: 'linear', // only linear but allow scale type registration. This allows extensions to exist solely for log scale for instance
				display: true,
				position: 'left',
				id: 'y-axis-1',
			}, {
				type: 'linear', // only linear but allow scale type registration. This allows extensions to exist solely for log scale for instance
				display: true,
				position: 'right',
				id: 'y-axis-2',
				gridLines: {
					drawOnChartArea: false
				}
			}],
		}
	}
}
