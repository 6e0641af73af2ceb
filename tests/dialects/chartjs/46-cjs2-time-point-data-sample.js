{
	type: 'line',
	data: {
		datasets: [{
			label: 'Dataset with string point data',
			backgroundColor: 'rgba(255, 99, 132, 0.5)',
			borderColor: 'rgb(255, 99, 132)',
			fill: false,
			data: [{
				x: '2020-06-14T09:00:00+00:00',
				y: 47
			}, {
				x: '2020-06-16T09:00:00+00:00',
				y: -21
			}, {
				x: '2020-06-18T09:00:00+00:00',
				y: 66
			}, {
				x: '2020-06-19T09:00:00+00:00',
				y: 13
			}],
		}, {
			label: 'Dataset with date object point data',
			backgroundColor: 'rgba(54, 162, 235, 0.5)',
			borderColor: 'rgb(54, 162, 235)',
			fill: false,
			data: [{
				x: new Date('2020-06-14T09:00:00Z'),
				y: -58
			}, {
				x: new Date('2020-06-16T09:00:00Z'),
				y: 30
			}, {
				x: new Date('2020-06-18T09:00:00Z'),
				y: -9
			}, {
				x: new Date('2020-06-19T09:00:00Z'),
				y: 82
			}]
		}]
	},
	options: {
		responsive: true,
		title: {
			display: true,
			text: 'Chart.js Time Point Data'
		},
		scales: {
			xAxes: [{
				type: 'time',
				display: true,
				scaleLabel: {
					display: true,
					labelString: 'Date'
				},
				ticks: {
					major: {
						fontStyle: 'bold',
						fontColor: '#FF0000'
					}
				}
			}],
			yAxes: [{
				display: true,
				scaleLabel: {
					display: true,
					labelString: 'value'
				}
			}]
		}
	}
}
